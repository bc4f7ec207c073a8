namespace Fulfilment.Storage;

/// <summary>Thrown when an ETag-guarded write loses a race: someone else changed the entity since it was read.</summary>
public sealed class ConcurrencyConflictException(string entity, Exception? inner = null)
    : Exception($"{entity} was changed by someone else since it was read.", inner);
