using Asm.Research.Training.Output;

namespace Asm.Research.Tests.Training;

public sealed class DefaultRunFolderTests
{
    [Fact]
    public void Names_the_kind_and_time_and_never_an_existing_folder()
    {
        string root = Directory.CreateTempSubdirectory("asm-default-runs-").FullName;
        try
        {
            var now = new DateTime(2026, 12, 8, 14, 25, 1);
            string first = DefaultRunFolder.New("compare", now, root);
            Assert.Equal(Path.Combine(root, "compare-20261208-142501"), first);
            Directory.CreateDirectory(first);
            string second = DefaultRunFolder.New("compare", now, root);
            Assert.Equal(first + "-2", second);
            File.WriteAllText(second, "a file of the user's at that name");
            Assert.Equal(first + "-3", DefaultRunFolder.New("compare", now, root));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
