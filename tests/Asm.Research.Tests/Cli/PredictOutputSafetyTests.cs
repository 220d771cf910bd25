using Asm.Research.Tests.Data;

namespace Asm.Research.Tests.Cli;

/// <summary><c>asm predict --force</c> never replaces an image it reads, a file outside its folder through a link, or reads its own outputs.</summary>
public sealed class PredictOutputSafetyTests(TinyCheckpoint checkpoint) : IClassFixture<TinyCheckpoint>, IDisposable
{
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    private CliProcess.Result Predict(string input, string output, params string[] more) =>
        CliProcess.Run(["predict", "--checkpoint", checkpoint.Run, "--input", input, "--out", output, "--threads", "1", .. more]);

    [Fact]
    public void Out_equal_to_the_input_folder_is_refused_even_with_force_and_the_users_mask_survives()
    {
        _files.Png("in/horse.png", 20, 16);
        string users = _files.Png("in/horse_mask.png", 20, 16, mask: true); // the user's own mask, named like an output
        byte[] before = File.ReadAllBytes(users);

        Refusal.Check(Predict(_files.PathOf("in"), _files.PathOf("in"), "--force", "--overlay"), "--out", "images are read from");
        Refusal.Check(Predict(_files.PathOf("in") + "/.", _files.PathOf("in"), "--force"), "--out");
        Refusal.Check(Predict(_files.PathOf("in/horse.png"), _files.PathOf("in"), "--force"), "--out"); // one image: its folder
        Assert.Equal(before, File.ReadAllBytes(users));
        Assert.Equal(2, Directory.GetFiles(_files.PathOf("in")).Length);
    }

    [Fact]
    public void Out_as_a_link_to_the_input_folder_is_refused()
    {
        _files.Png("in/horse.png", 20, 16);
        string link = _files.PathOf("out-link");
        Directory.CreateSymbolicLink(link, _files.PathOf("in"));
        Refusal.Check(Predict(_files.PathOf("in"), link, "--force"), "--out");
        Assert.Single(Directory.GetFiles(_files.PathOf("in")));
    }

    [Fact]
    public void A_link_at_an_output_name_is_refused_and_its_target_is_untouched()
    {
        _files.Png("in/horse.png", 20, 16);
        string victim = _files.PathOf("elsewhere/precious.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(victim)!);
        File.WriteAllText(victim, "precious");
        Directory.CreateDirectory(_files.PathOf("out"));
        File.CreateSymbolicLink(_files.PathOf("out/horse_mask.png"), victim);

        Refusal.Check(Predict(_files.PathOf("in"), _files.PathOf("out"), "--force"), "horse_mask.png", "symbolic link");
        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [Fact]
    public void A_rerun_with_force_replaces_its_own_outputs_and_leaves_no_temporary_files()
    {
        _files.Png("in/horse.png", 20, 16);
        Assert.Equal(0, Predict(_files.PathOf("in"), _files.PathOf("out"), "--overlay").ExitCode);
        var again = Predict(_files.PathOf("in"), _files.PathOf("out"), "--overlay", "--force");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(["horse_mask.png", "horse_overlay.png"], Directory.GetFiles(_files.PathOf("out")).Select(Path.GetFileName).Order());
    }
}
