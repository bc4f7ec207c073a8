namespace Sandbox.Ekm.Search;

// The parsed form of a search query: the subset of OData $filter that EKM's XPression library accepts and a
// fulfilment client needs. Binding to a schema (EkmFilterCompiler) happens after parsing.

/// <summary>A boolean expression of a search query.</summary>
internal abstract record EkmFilterNode;

internal sealed record EkmOrNode(EkmFilterNode Left, EkmFilterNode Right) : EkmFilterNode;

internal sealed record EkmAndNode(EkmFilterNode Left, EkmFilterNode Right) : EkmFilterNode;

internal sealed record EkmNotNode(EkmFilterNode Operand) : EkmFilterNode;

/// <summary><c>left op right</c> with op one of eq, ne, gt, ge, lt, le.</summary>
internal sealed record EkmCompareNode(string Operator, EkmOperand Left, EkmOperand Right) : EkmFilterNode;

/// <summary>A boolean function used as a condition: contains, startswith, endswith.</summary>
internal sealed record EkmPredicateNode(EkmCallOperand Call) : EkmFilterNode;

/// <summary>A value in a query: a field, a literal or a function call.</summary>
internal abstract record EkmOperand;

internal sealed record EkmFieldOperand(string Path) : EkmOperand;

internal sealed record EkmLiteralOperand(EkmValue Value) : EkmOperand;

internal sealed record EkmCallOperand(string Name, IReadOnlyList<EkmOperand> Arguments) : EkmOperand;

/// <summary>The query is not one the API accepts; the API answers 400 "Invalid search expression".</summary>
internal sealed class EkmFilterException(string message) : Exception(message);
