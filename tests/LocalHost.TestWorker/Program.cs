using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The LocalHost tests' worker: ASP.NET Core integration, as the function app uses.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Build().Run();
