using Asm.Research.Platform;
using Asm.Research.Visuals;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;

namespace Asm.Research.Notebooks;

/// <summary>
/// The one call of a notebook's setup (<c>notebooks/kit.csx</c>): prepares the process
/// (<see cref="NotebookHost.Initialize"/>: FSharp.Core redirect, torch natives), loads
/// <see cref="KitExtension"/>, and shows plotly.js once so that every later chart draws offline.
/// </summary>
public static class NotebookKit
{
    /// <summary>Call in the setup cell. Safe to call again (re-running the cell).</summary>
    public static void Load()
    {
        Console.WriteLine(NotebookHost.Initialize());
        var kernel = Kernel.Root ?? throw new InvalidOperationException("NotebookKit.Load() must run in a notebook kernel (.NET Interactive).");
        new KitExtension().OnLoadAsync(kernel).GetAwaiter().GetResult();
        LiveOutput.Show(new HtmlString(Charts.PlotlyScriptHtml()));
    }
}
