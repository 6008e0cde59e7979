using Ovni.Quality;

namespace Ovni.Encoding.Tests;

public class VmafModelCatalogTests
{
    [Fact]
    public void The_built_in_catalog_needs_no_model_file_and_picks_the_4K_model_above_2560x1440()
    {
        VmafModelCatalog catalog = VmafModelCatalog.BuiltIn;
        Assert.Same(VmafModel.BuiltIn(VmafModel.DefaultVersion), catalog.For(1920, 1080));
        Assert.Same(VmafModel.BuiltIn(VmafModel.DefaultVersion), catalog.For(2560, 1440));
        Assert.Same(VmafModel.BuiltIn(VmafModel.FourKVersion), catalog.For(3840, 2160));
        Assert.Equal(VmafModel.FourKVersion, catalog.Name(3840, 2160)); // the cache key names the model
    }
}
