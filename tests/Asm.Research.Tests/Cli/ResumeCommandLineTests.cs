using Asm.Research.Cli.Commands;

namespace Asm.Research.Tests.Cli;

/// <summary>The command a native fault's message gives for resuming: the user's own arguments, made to resume, shell-quoted.</summary>
public sealed class ResumeCommandLineTests
{
    [Fact]
    public void Train_with_the_default_folder_gets_that_folder_and_resume()
    {
        Assert.Equal("asm train --method bce --seed 3 --out runs/bce-seed3 --resume",
            ResumeCommandLine.ForTrain(["train", "--method", "bce", "--seed", "3"], "runs/bce-seed3"));
    }

    [Fact]
    public void Train_with_force_resumes_instead_and_keeps_its_own_out_quoted()
    {
        Assert.Equal("asm train --method asm --out 'my runs/a' --set 'data.path=x y' --resume",
            ResumeCommandLine.ForTrain(["train", "--method", "asm", "--out", "my runs/a", "--force", "--set", "data.path=x y"], "my runs/a"));
        Assert.Equal("asm train --out=r --resume", ResumeCommandLine.ForTrain(["train", "--out=r", "--resume"], "r"));
    }

    [Fact]
    public void Sweep_run_resumes_by_index()
    {
        Assert.Equal("asm sweep run 'my sweep.json' --index 4", ResumeCommandLine.ForSweepRun("my sweep.json", 4));
    }
}
