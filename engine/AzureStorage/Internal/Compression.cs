using System.IO.Compression;
using System.Text;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>Gzip for payloads stored in blobs and for history rows.</summary>
internal static class Compression
{
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Compress(string text) => Compress(Encoding.UTF8.GetBytes(text));

    public static byte[] Decompress(ReadOnlySpan<byte> data)
    {
        using var input = new MemoryStream(data.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    public static string DecompressText(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(Decompress(data));
}
