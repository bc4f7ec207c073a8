namespace Fulfilment.IntegrationTests.Infrastructure;

/// <summary>The encryption key the tests' stores use (not a real secret; the sample settings carry their own).</summary>
public static class TestSecrets
{
    public const string ActiveKey = "test1:dGVzdC1vbmx5LWtleS0tbm90LWEtcmVhbC1zZWNyZXQ=";
}
