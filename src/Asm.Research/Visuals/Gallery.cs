using System.Net;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Asm.Research.Visuals;

/// <summary>
/// A grid of captioned image tiles. In a notebook it shows as an HTML table (captions are HTML,
/// since pixels carry no text); <see cref="ToPng"/> composes the tiles into one PNG without captions.
/// </summary>
/// <param name="Tiles">The images, row by row; each tile's title is its caption.</param>
/// <param name="Columns">Tiles per row.</param>
/// <param name="Title">Heading above the grid, or null.</param>
/// <param name="TileWidth">Shown width of each tile in CSS pixels (small images are enlarged pixelated); null keeps their own width.</param>
public sealed record Gallery(IReadOnlyList<PngImage> Tiles, int Columns = 4, string? Title = null, int? TileWidth = null)
{
    /// <summary>Rows of tiles, e.g. image | mask | overlay per sample, one row per sample; short rows are padded with blanks to the longest.</summary>
    public static Gallery FromRows(IEnumerable<IEnumerable<PngImage>> rows, string? title = null, int? tileWidth = null)
    {
        var list = rows.Select(r => r.ToList()).ToList();
        int columns = Math.Max(1, list.Count == 0 ? 1 : list.Max(r => r.Count));
        var tiles = new List<PngImage>();
        foreach (var row in list)
        {
            tiles.AddRange(row);
            for (int i = row.Count; i < columns; i++) tiles.Add(Blank);
        }
        return new Gallery(tiles, columns, title, tileWidth);
    }

    /// <summary>
    /// Trusted HTML shown under the title, above the tiles (e.g. a class legend, <see cref="LabelMapImages.LegendHtml"/>),
    /// or null for none. The PNG of <see cref="ToPng"/> leaves it out.
    /// </summary>
    public string? CaptionHtml { get; init; }

    private static readonly PngImage Blank = PngImage.FromRgb(new byte[3], 1, 1, "");

    /// <summary>An HTML table of the tiles with their captions.</summary>
    public string ToHtml()
    {
        if (Columns < 1) throw new InvalidOperationException("A gallery needs at least one column.");
        var html = new StringBuilder("<div class=\"asm-gallery\">");
        if (!string.IsNullOrEmpty(Title)) html.Append("<div style=\"font-weight:bold;margin:4px 0\">").Append(WebUtility.HtmlEncode(Title)).Append("</div>");
        if (!string.IsNullOrEmpty(CaptionHtml)) html.Append("<div style=\"margin:4px 0\">").Append(CaptionHtml).Append("</div>");
        html.Append("<table style=\"border-collapse:collapse\">");
        for (int start = 0; start < Tiles.Count; start += Columns)
        {
            html.Append("<tr>");
            foreach (var tile in Tiles.Skip(start).Take(Columns))
            {
                html.Append("<td style=\"padding:2px;text-align:center;vertical-align:top\">");
                if (!ReferenceEquals(tile, Blank))
                {
                    int width = TileWidth ?? tile.Width;
                    html.Append($"<img src=\"{tile.ToDataUri()}\" width=\"{width}\" style=\"image-rendering:pixelated;display:block;margin:auto\" alt=\"{WebUtility.HtmlEncode(tile.Title ?? "tile")}\"/>");
                    if (!string.IsNullOrEmpty(tile.Title))
                        html.Append($"<div style=\"font-size:small;max-width:{Math.Max(width, 96)}px\">{WebUtility.HtmlEncode(tile.Title)}</div>");
                }
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table></div>").ToString();
    }

    /// <summary>The tiles composed into one PNG (cells as large as the largest tile, <paramref name="padding"/> px apart, on white).</summary>
    public PngImage ToPng(int padding = 2)
    {
        if (Tiles.Count == 0) throw new InvalidOperationException("The gallery has no tiles.");
        int cellW = Tiles.Max(t => t.Width), cellH = Tiles.Max(t => t.Height);
        int cols = Math.Min(Columns, Tiles.Count), rows = (Tiles.Count + Columns - 1) / Columns;
        using var canvas = new Image<Rgb24>(cols * cellW + (cols + 1) * padding, rows * cellH + (rows + 1) * padding, new Rgb24(255, 255, 255));
        for (int i = 0; i < Tiles.Count; i++)
        {
            if (ReferenceEquals(Tiles[i], Blank)) continue;
            using var tile = Tiles[i].Decode();
            var at = new Point(padding + (i % Columns) * (cellW + padding), padding + (i / Columns) * (cellH + padding));
            canvas.Mutate(ctx => ctx.DrawImage(tile, at, 1f));
        }
        return PngImage.Encode(canvas, Title);
    }

    /// <inheritdoc />
    public override string ToString() => $"Gallery of {Tiles.Count} tiles{(Title is null ? "" : $" \"{Title}\"")}";
}
