namespace Ovni.Encoding.Tests;

/// <summary>
/// A source reached through a symbolic link is the file it points to: its size limit, cache key and resume identity
/// (a link's own FileInfo says 'as long as the target's name, as old as the link', which refused a real encode as
/// larger than its 38-byte 'source').
/// </summary>
public sealed class SymlinkedSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ovni-link-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Target, string Link) MakeLinkedFile(int bytes)
    {
        string target = Path.Combine(_folder, "real.bin");
        var content = new byte[bytes];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(target, content);
        File.SetLastWriteTimeUtc(target, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        string link = Path.Combine(_folder, "link.bin");
        File.CreateSymbolicLink(link, target);
        return (target, link);
    }

    [Fact]
    public void Linked_file_resolves_to_its_target_and_a_plain_file_to_itself()
    {
        (string target, string link) = MakeLinkedFile(3 << 20);
        Assert.Equal(3 << 20, LinkedFile.Resolve(link).Length);
        Assert.Equal(target, LinkedFile.Resolve(link).FullName);
        Assert.Equal(target, LinkedFile.Resolve(target).FullName);
        Assert.NotEqual(3 << 20, new FileInfo(link).Length); // what this guards against: a link's own length
    }

    [Fact]
    public void Cache_identity_of_a_link_is_the_identity_of_its_target()
    {
        (string target, string link) = MakeLinkedFile(3 << 20);
        InputIdentity viaLink = InputIdentity.Of(link);
        Assert.Equal(InputIdentity.Of(target), viaLink);
        Assert.Equal(3 << 20, viaLink.Size);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), viaLink.LastWriteUtc);
    }

    [Fact]
    public void Chunked_resume_identity_of_a_link_hashes_the_target_not_its_name()
    {
        (string target, string link) = MakeLinkedFile(3 << 20);
        SourceIdentity viaLink = SourceIdentity.Compute(link);
        SourceIdentity direct = SourceIdentity.Compute(target);
        Assert.Equal(direct.Size, viaLink.Size);
        Assert.Equal(direct.HeadTailSha256, viaLink.HeadTailSha256);
        Assert.Equal(direct.LastWriteUtc, viaLink.LastWriteUtc);
    }
}
