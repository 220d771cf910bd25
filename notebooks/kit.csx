// Setup shared by every notebook: `#load "kit.csx"` in the first cell. It references the kit that
// every build lays out in ../artifacts/kit (run `dotnet build` once; nothing is downloaded here) and
// loads it: torch's natives, the kit's formatters (a kernel extension), plotly.js for offline charts.
#r "../artifacts/kit/Asm.Research.dll"
#r "../artifacts/kit/Asm.Research.Notebooks.dll"
#r "../artifacts/kit/TorchSharp.dll"
#r "../artifacts/kit/Plotly.NET.dll"
#r "../artifacts/kit/SixLabors.ImageSharp.dll"
Asm.Research.Notebooks.NotebookKit.Load();
