using System.Globalization;

namespace Sandbox.Ekm.Search;

/// <summary>
/// Parses a search query into <see cref="EkmFilterNode"/>s:
/// <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparisons (eq ne gt ge lt le), parentheses, literals (quoted strings,
/// numbers, true/false/null, typed literals) and the functions contains, startswith, endswith, tolower, toupper, trim.
/// Keywords are lower-case, as OData writes them (whether EKM accepts other casings is UNCONFIRMED).
/// </summary>
internal sealed class EkmFilterParser
{
    private static readonly HashSet<string> ComparisonOperators = new(StringComparer.Ordinal) { "eq", "ne", "gt", "ge", "lt", "le" };
    private static readonly HashSet<string> BooleanFunctions = new(StringComparer.Ordinal) { "contains", "startswith", "endswith" };
    private static readonly HashSet<string> ValueFunctions = new(StringComparer.Ordinal) { "tolower", "toupper", "trim" };
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le" };

    private readonly List<EkmToken> _tokens;
    private int _next;

    private EkmFilterParser(List<EkmToken> tokens) => _tokens = tokens;

    public static EkmFilterNode Parse(string query)
    {
        var parser = new EkmFilterParser(EkmFilterTokenizer.Tokenize(query));
        var node = parser.ParseOr();
        if (parser.Peek.Kind != EkmTokenKind.End)
            throw new EkmFilterException($"Unexpected '{parser.Peek.Text}' at {parser.Peek.Position}.");
        return node;
    }

    private EkmToken Peek => _tokens[_next];

    private EkmToken Take() => _tokens[_next++];

    private bool TakeKeyword(string keyword)
    {
        if (Peek.Kind != EkmTokenKind.Identifier || Peek.Text != keyword)
            return false;
        _next++;
        return true;
    }

    private void Expect(EkmTokenKind kind)
    {
        var token = Take();
        if (token.Kind != kind)
            throw new EkmFilterException($"Expected {kind} at {token.Position}.");
    }

    private EkmFilterNode ParseOr()
    {
        var left = ParseAnd();
        while (TakeKeyword("or"))
            left = new EkmOrNode(left, ParseAnd());
        return left;
    }

    private EkmFilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (TakeKeyword("and"))
            left = new EkmAndNode(left, ParseUnary());
        return left;
    }

    private EkmFilterNode ParseUnary()
    {
        if (TakeKeyword("not"))
            return new EkmNotNode(ParseUnary());
        if (Peek.Kind == EkmTokenKind.LeftParen)
        {
            Take();
            var inner = ParseOr();
            Expect(EkmTokenKind.RightParen);
            return inner;
        }
        var left = ParseOperand();
        if (Peek.Kind == EkmTokenKind.Identifier && ComparisonOperators.Contains(Peek.Text))
            return new EkmCompareNode(Take().Text, left, ParseOperand());
        if (left is EkmCallOperand call && BooleanFunctions.Contains(call.Name))
            return new EkmPredicateNode(call);
        throw new EkmFilterException($"Expected a comparison at {Peek.Position}.");
    }

    private EkmOperand ParseOperand()
    {
        var token = Take();
        switch (token.Kind)
        {
            case EkmTokenKind.String:
                return new EkmLiteralOperand(EkmValue.Of(token.Text));
            case EkmTokenKind.Number:
                return new EkmLiteralOperand(EkmValue.Of(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            case EkmTokenKind.TypedLiteral:
                return new EkmLiteralOperand(TypedLiteral(token));
            case EkmTokenKind.Identifier when token.Text == "null":
                return new EkmLiteralOperand(EkmValue.Null);
            case EkmTokenKind.Identifier when token.Text is "true" or "false":
                return new EkmLiteralOperand(EkmValue.Of(token.Text == "true"));
            case EkmTokenKind.Identifier when Peek.Kind == EkmTokenKind.LeftParen:
                return ParseCall(token);
            case EkmTokenKind.Identifier when !Reserved.Contains(token.Text):
                return new EkmFieldOperand(token.Text);
            default:
                throw new EkmFilterException($"Unexpected '{token.Text}' at {token.Position}.");
        }
    }

    private EkmCallOperand ParseCall(EkmToken name)
    {
        if (!BooleanFunctions.Contains(name.Text) && !ValueFunctions.Contains(name.Text))
            throw new EkmFilterException($"Unknown function '{name.Text}'.");
        Expect(EkmTokenKind.LeftParen);
        var arguments = new List<EkmOperand> { ParseOperand() };
        while (Peek.Kind == EkmTokenKind.Comma)
        {
            Take();
            arguments.Add(ParseOperand());
        }
        Expect(EkmTokenKind.RightParen);
        var expected = BooleanFunctions.Contains(name.Text) ? 2 : 1;
        if (arguments.Count != expected)
            throw new EkmFilterException($"{name.Text} takes {expected} argument(s).");
        return new EkmCallOperand(name.Text, arguments);
    }

    private static EkmValue TypedLiteral(EkmToken token)
    {
        var type = token.TypeName!.StartsWith("Edm.", StringComparison.Ordinal) ? token.TypeName[4..].ToLowerInvariant() : token.TypeName;
        return type switch
        {
            "string" or "guid" => EkmValue.Of(token.Text),
            "datetime" or "datetimeoffset" => EkmFilterConversions.ToDate(token.Text) ?? throw new EkmFilterException($"Invalid date '{token.Text}'."),
            "int16" or "int32" or "int64" or "double" or "decimal" or "single" or "float" or "byte" =>
                EkmFilterConversions.ToNumber(token.Text) ?? throw new EkmFilterException($"Invalid number '{token.Text}'."),
            "boolean" => EkmFilterConversions.ToBoolean(token.Text) ?? throw new EkmFilterException($"Invalid boolean '{token.Text}'."),
            _ => throw new EkmFilterException($"Unknown literal type '{token.TypeName}'."),
        };
    }
}
