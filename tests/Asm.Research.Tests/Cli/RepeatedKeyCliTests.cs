using Asm.Research.Data;
using Asm.Research.Figures;
using Asm.Research.Tests.Data;

namespace Asm.Research.Tests.Cli;

/// <summary>
/// A JSON file that says one key twice is ambiguous: sweeps, classes files, notebooks, run records and study question
/// files are refused naming the file and the key, never read "last one wins" (checkpoints: <see cref="PredictInputCliTests"/>).
/// </summary>
public sealed class RepeatedKeyCliTests : IDisposable
{
    private readonly LabelFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void AssertRefused(CliProcess.Result result, string file, string key) => CliAssert.Refused(result, file, $"'{key}'");

    [Fact]
    public void A_sweep_file_with_a_repeated_key_is_refused()
    {
        string sweep = _files.Text("sweep.json", """{ "root": "out", "base": { "method": "bce" }, "seeds": [0], "seeds": [1] }""");
        AssertRefused(CliProcess.Run("sweep", "list", sweep), sweep, "seeds");
    }

    [Fact]
    public void A_classes_file_with_a_repeated_key_is_refused()
    {
        _files.Image("images/a.png", 8, 8);
        _files.IndexMask("masks/a.png", 8, 8, new byte[64]);
        string classes = _files.Text("classes.json",
            """{ "classes": [ { "name": "ground", "colour": "#000000" }, { "name": "thing", "colour": "#FF0000" } ], "void": 255, "void": 0 }""");
        AssertRefused(CliProcess.Run("data", "--data", _files.Root, "--size", "16"), classes, "void");
    }

    [Fact]
    public void A_notebook_with_a_repeated_key_is_refused()
    {
        string notebook = _files.Text("twice.ipynb", """{ "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [], "cells": [] }""");
        AssertRefused(CliProcess.Run("notebook", "run", notebook, "--out", _files.PathOf("runs")), notebook, "cells");
    }

    [Fact]
    public void A_run_record_with_a_repeated_key_is_skipped_naming_the_key()
    {
        string record = _files.Text("run/result.json", """
            { "method": "bce", "seed": 0, "seed": 1, "test": { "n": 1, "iou": 0.5, "miou": 0.5, "pixel_acc": 0.9, "boundary_f": 0.4 },
              "test_original": { "n": 1, "iou": 0.5, "miou": 0.5, "pixel_acc": 0.9, "boundary_f": 0.4 } }
            """);
        var result = CliProcess.Run("summarize", "--records", _files.Root);
        AssertRefused(result, record, "seed");
        Assert.Contains("no complete run records", result.Stderr);
    }

    [Fact]
    public void A_study_question_file_with_a_repeated_key_is_refused()
    {
        string questions = _files.Text("questions.json", """[ { "name": "q1", "title": "Q1", "control": "bce", "control": "asm", "rows": ["bce", "asm"] } ]""");
        var refused = Assert.Throws<DataException>(() => StudyQuestion.Load(questions));
        Assert.Contains(questions, refused.Message);
        Assert.Contains("'control'", refused.Message);
    }
}
