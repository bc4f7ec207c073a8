// Azurite is started by tools/Demo's AzuriteInstance, shared by the local run and every integration test.
global using AzuriteInstance = Demo.AzuriteInstance;
global using Xunit;
