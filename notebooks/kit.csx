// Setup shared by every notebook: `#load "kit.csx"` in the first cell.
// It references the kit that every build lays out in ../artifacts/kit (run `dotnet build` once),
// loads torch's natives, and makes charts and images display. No NuGet download happens here.
#r "../artifacts/kit/Asm.Research.dll"
#r "../artifacts/kit/TorchSharp.dll"
#r "../artifacts/kit/Plotly.NET.dll"
#r "../artifacts/kit/SixLabors.ImageSharp.dll"

using Microsoft.DotNet.Interactive.Formatting;
using static Microsoft.DotNet.Interactive.Kernel;
using Asm.Research.Platform;
using Asm.Research.Visuals;

Console.WriteLine(NotebookHost.Initialize());
Formatter.Register<Plotly.NET.GenericChart>((chart, writer) => writer.Write(Charts.ToHtml(chart)), "text/html");
Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToHtml()), "text/html");
Formatter.Register<Gallery>((gallery, writer) => writer.Write(gallery.ToHtml()), "text/html");
display(HTML(Charts.PlotlyScriptHtml()));
