using Sandbox;

// Runs the partner simulators on one port (default 5100). See tools/Sandbox/README.md for paths and controls.
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 5100;
await using var sandbox = await SandboxHost.StartAsync(port, seedDemo: args.Contains("--demo"));
// Run standalone, it serves a local function app (http://127.0.0.1:7071), so BigCommerce webhooks may go to http.
sandbox.BigCommerce.Webhooks = sandbox.BigCommerce.Webhooks with { AllowHttpDestinations = true };
Console.WriteLine($"Sandbox listening on {sandbox.BaseUrl}");
await sandbox.WaitForShutdownAsync();
