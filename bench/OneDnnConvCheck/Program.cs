// Which oneDNN convolutions are wrong on this CPU: float32 against float64, per shape, ISA cap
// and thread count, naming the implementation oneDNN ran (from ONEDNN_VERBOSE). docs/ONEDNN.md
// has the findings. Each ISA needs its own process (oneDNN reads ONEDNN_MAX_CPU_ISA once), so the
// parent runs one worker per ISA and thread count and merges their output.
//
//   dotnet run --project bench/OneDnnConvCheck -c Release -- grid [--isas AVX,AVX2,AVX512_CORE,ALL] [--threads 1,2] [--csv FILE] [--only TEXT]
//   dotnet run --project bench/OneDnnConvCheck -c Release -- shapes --isas AVX2 "conv b4 4->4 64x64 k3 s1 p1" ...
//   dotnet run --project bench/OneDnnConvCheck -c Release -- worker THREADS FILE   (what the parent runs)
using OneDnnConvCheck;

return args.Length > 0 && args[0] == "worker" ? Worker.Run(int.Parse(args[1]), File.ReadAllLines(args[2]))
    : args.Length > 0 && args[0] is "grid" or "shapes" ? Survey.Run(args[0], args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: OneDnnConvCheck grid [--isas A,B] [--threads 1,2] [--csv FILE] [--only TEXT] | shapes [--isas A,B] [--threads 1,2] SHAPE... | worker THREADS FILE");
    return 2;
}
