using System.Globalization;
using System.Text;

namespace Sandbox.Ekm.Search;

/// <summary>A lexical token of a search query.</summary>
internal enum EkmTokenKind
{
    Identifier,
    String,
    Number,
    TypedLiteral,
    LeftParen,
    RightParen,
    Comma,
    End,
}

internal sealed record EkmToken(EkmTokenKind Kind, string Text, int Position, string? TypeName = null);

/// <summary>
/// Splits a query into tokens. Strings are single-quoted with '' for a quote (OData); typed literals such as
/// <c>datetime'2024-01-01T00:00:00Z'</c> are XPression's. Bare date literals (OData 4's <c>2024-01-01T00:00:00Z</c>) are
/// not accepted: whether EKM's parser reads them is UNCONFIRMED, so the simulator holds clients to quoted dates.
/// </summary>
internal static class EkmFilterTokenizer
{
    public static List<EkmToken> Tokenize(string text)
    {
        var tokens = new List<EkmToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new EkmToken(c == '(' ? EkmTokenKind.LeftParen : c == ')' ? EkmTokenKind.RightParen : EkmTokenKind.Comma, c.ToString(), i));
                i++;
            }
            else if (c == '\'')
            {
                var start = i;
                tokens.Add(new EkmToken(EkmTokenKind.String, ReadQuoted(text, ref i), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '/' or '.'))
                    i++;
                var word = text[start..i];
                if (i < text.Length && text[i] == '\'')
                    tokens.Add(new EkmToken(EkmTokenKind.TypedLiteral, ReadQuoted(text, ref i), start, word));
                else
                    tokens.Add(new EkmToken(EkmTokenKind.Identifier, word, start));
            }
            else
            {
                throw new EkmFilterException($"Unexpected '{c}' at {i}.");
            }
        }
        tokens.Add(new EkmToken(EkmTokenKind.End, "", text.Length));
        return tokens;
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var value = new StringBuilder();
        i++; // opening quote
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }
                i++;
                return value.ToString();
            }
            value.Append(text[i++]);
        }
        throw new EkmFilterException("Unterminated string.");
    }

    private static EkmToken ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
            i++;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            i++;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
                i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
        }
        var number = text[start..i];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new EkmFilterException($"'{number}' is not a number.");
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] is '-' or ':'))
            throw new EkmFilterException($"Unexpected '{text[i]}' after the number at {start}."); // e.g. a bare date
        return new EkmToken(EkmTokenKind.Number, number, start);
    }
}
