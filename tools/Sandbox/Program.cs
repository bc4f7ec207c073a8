using Sandbox;

// Runs the partner simulators on one port (default 5100). See tools/Sandbox/README.md for paths and controls.
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 5100;
await using var sandbox = await SandboxHost.StartAsync(port, seedDemo: args.Contains("--demo"));
Console.WriteLine($"Sandbox listening on {sandbox.BaseUrl}");
await sandbox.WaitForShutdownAsync();
