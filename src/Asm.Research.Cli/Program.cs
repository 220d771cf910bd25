using Asm.Research.Platform;
Console.WriteLine(TorchRuntime.EnsureLoaded());
