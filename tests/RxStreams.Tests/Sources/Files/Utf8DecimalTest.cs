using System.Globalization;
using System.Text;
using CsCheck;
using RxStreams.Ingestion;

namespace RxStreams.Tests.Ingestion.Files;

/// <summary>The fast path for plain decimals gives exactly the double that double.Parse gives, or leaves the text to it.</summary>
public class Utf8DecimalTest
{
    [Fact]
    public void PlainDecimalsParseToExactlyTheDoubleThatDoubleParseGives()
    {
        Gen.Select(Gen.Bool, Gen.String[Gen.Char['0', '9'], 1, 16], Gen.Int[0, 16])
            .Select((negative, digits, point) => (negative ? "-" : string.Empty) + (point < digits.Length ? digits.Insert(point, ".") : digits))
            .Sample(
                text =>
                {
                    var fast = Utf8Decimal.TryParseSimple(Encoding.ASCII.GetBytes(text), out var value);
                    Assert.Equal(text.Count(char.IsAsciiDigit) <= 15, fast);
                    if (fast)
                    {
                        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
                    }
                },
                iter: 100_000,
                seed: "0N0XIzNsQ0O3");
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("-0", -0.0)]
    [InlineData("+2.", 2.0)]
    [InlineData(".5", 0.5)]
    [InlineData("123456789012345", 123456789012345.0)]
    [InlineData("0.00000000000001", 1e-14)]
    public void EdgeCasesOfThePlainForm(string text, double expected)
    {
        Assert.True(Utf8Decimal.TryParseSimple(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e3")]
    [InlineData("1.2.3")]
    [InlineData("1234567890123456")]
    [InlineData("NaN")]
    [InlineData(" 1")]
    public void AnythingElseIsLeftToTheGeneralParser(string text) =>
        Assert.False(Utf8Decimal.TryParseSimple(Encoding.ASCII.GetBytes(text), out _));
}
