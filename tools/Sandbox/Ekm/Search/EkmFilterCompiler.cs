using System.Text.Json;

namespace Sandbox.Ekm.Search;

/// <summary>
/// Binds a parsed query to a schema and compiles it into a predicate over entities in wire JSON. Binding fails
/// (400 "Invalid search expression") for unknown fields, literals that cannot become the field's type, ordering
/// comparisons of booleans and functions applied to non-strings, so an empty shop refuses a bad query too.
/// String comparisons are ordinal, i.e. case-sensitive (EKM's database collation may not be: UNCONFIRMED).
/// </summary>
internal static class EkmFilterCompiler
{
    private sealed record Compiled(EkmFieldType? Type, bool IsLiteral, Func<JsonElement, EkmValue> Evaluate);

    public static Func<JsonElement, bool> Compile(string query, EkmSearchSchema schema) =>
        Condition(EkmFilterParser.Parse(query), schema);

    private static Func<JsonElement, bool> Condition(EkmFilterNode node, EkmSearchSchema schema)
    {
        switch (node)
        {
            case EkmOrNode or:
            {
                var (left, right) = (Condition(or.Left, schema), Condition(or.Right, schema));
                return e => left(e) || right(e);
            }
            case EkmAndNode and:
            {
                var (left, right) = (Condition(and.Left, schema), Condition(and.Right, schema));
                return e => left(e) && right(e);
            }
            case EkmNotNode not:
            {
                var operand = Condition(not.Operand, schema);
                return e => !operand(e);
            }
            case EkmPredicateNode predicate:
            {
                var call = Operand(predicate.Call, schema);
                return e => call.Evaluate(e) is { IsNull: false, Boolean: true };
            }
            case EkmCompareNode compare:
                return Comparison(compare, schema);
            default:
                throw new EkmFilterException("Unsupported expression.");
        }
    }

    private static Func<JsonElement, bool> Comparison(EkmCompareNode node, EkmSearchSchema schema)
    {
        var left = Operand(node.Left, schema);
        var right = Operand(node.Right, schema);
        var type = left.Type ?? right.Type;
        if (type is { } target && left.Type != right.Type)
        {
            // A literal takes the other side's type; two typed non-literals must already agree.
            if (right.IsLiteral && left.Type is not null)
                right = Convert(right, target);
            else if (left.IsLiteral && right.Type is not null)
                left = Convert(left, target);
            else if (left.Type is not null && right.Type is not null)
                throw new EkmFilterException("The two sides of a comparison have different types.");
        }
        var ordering = node.Operator is "gt" or "ge" or "lt" or "le";
        if (ordering && type == EkmFieldType.Boolean)
            throw new EkmFilterException($"'{node.Operator}' cannot compare booleans.");

        var op = node.Operator;
        return e =>
        {
            var (a, b) = (left.Evaluate(e), right.Evaluate(e));
            if (a.IsNull || b.IsNull)
            {
                // Lifted comparisons, as in C#: null equals only null and is never greater or smaller.
                return op switch { "eq" => a.IsNull && b.IsNull, "ne" => a.IsNull != b.IsNull, _ => false };
            }
            var order = EkmValue.Compare(a, b);
            return op switch
            {
                "eq" => order == 0,
                "ne" => order != 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                _ => order <= 0,
            };
        };
    }

    private static Compiled Convert(Compiled literal, EkmFieldType target)
    {
        var value = literal.Evaluate(default);
        var converted = EkmFilterConversions.Convert(value, target) ?? throw new EkmFilterException($"The literal is not a valid {target}.");
        return new Compiled(target, true, _ => converted);
    }

    private static Compiled Operand(EkmOperand operand, EkmSearchSchema schema)
    {
        switch (operand)
        {
            case EkmLiteralOperand literal:
                return new Compiled(literal.Value.Type, true, _ => literal.Value);
            case EkmFieldOperand field:
                if (!schema.TryGetType(field.Path, out var type))
                    throw new EkmFilterException($"Unknown field '{field.Path}'.");
                return new Compiled(type, false, e => EkmSearchSchema.Read(e, field.Path, type));
            case EkmCallOperand call:
                return Call(call, schema);
            default:
                throw new EkmFilterException("Unsupported operand.");
        }
    }

    private static Compiled Call(EkmCallOperand call, EkmSearchSchema schema)
    {
        var arguments = call.Arguments.Select(a => Operand(a, schema)).ToList();
        if (arguments.Any(a => a.Type is not null and not EkmFieldType.String))
            throw new EkmFilterException($"{call.Name} takes strings.");
        if (arguments.Count == 1)
        {
            var text = arguments[0];
            Func<string, string> apply = call.Name switch
            {
                "tolower" => s => s.ToLowerInvariant(),
                "toupper" => s => s.ToUpperInvariant(),
                _ => s => s.Trim(),
            };
            return new Compiled(EkmFieldType.String, false, e => text.Evaluate(e) is { IsNull: false } v ? EkmValue.Of(apply(v.Text!)) : EkmValue.Null);
        }
        var (haystack, needle) = (arguments[0], arguments[1]);
        Func<string, string, bool> test = call.Name switch
        {
            "contains" => (h, n) => h.Contains(n, StringComparison.Ordinal),
            "startswith" => (h, n) => h.StartsWith(n, StringComparison.Ordinal),
            _ => (h, n) => h.EndsWith(n, StringComparison.Ordinal),
        };
        return new Compiled(EkmFieldType.Boolean, false, e =>
        {
            var (h, n) = (haystack.Evaluate(e), needle.Evaluate(e));
            return h.IsNull || n.IsNull ? EkmValue.Null : EkmValue.Of(test(h.Text!, n.Text!));
        });
    }
}
