using System.Text.Json;
using Fulfilment.Channels.Ekm.Dtos;

namespace Fulfilment.Tests.Channels.Ekm;

/// <summary>Loads EKM payloads in the Partner API's envelope from Fixtures/Ekm.</summary>
internal static class EkmFixtures
{
    public static T Data<T>(string name) =>
        JsonSerializer.Deserialize<EkmEnvelope<T>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ekm", name)), EkmJson.Options)!.Data!;
}
