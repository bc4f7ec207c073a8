using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class TimerTriggerTests
{
    [Fact]
    public async Task Triggered_timer_receives_timer_info_and_its_output_binding_is_delivered()
    {
        await using var app = await LocalHostTestApp.StartAsync(tickSchedule: "0 0 0 1 1 *");

        var result = await app.Host.TriggerTimerAsync("Tick");
        var report = JsonNode.Parse(Assert.Single(await app.ReceiveAsync(app.ReportQueue, 1)))!;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("timerTrigger", result.Trigger);
        var timer = report["data"]!["myTimer"]!;
        Assert.True(timer["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        Assert.False(timer["IsPastDue"]!.GetValue<bool>());
        var status = timer["ScheduleStatus"]!; // a yearly schedule is monitored
        var next = DateTime.Parse(status["Next"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal((1, 1, 0), (next.Month, next.Day, next.Hour));
        Assert.True(next > DateTime.UtcNow);
        Assert.NotNull(status["Last"]);
        Assert.NotNull(status["LastUpdated"]);
        Assert.Equal("Tick", report["metadata"]!["sys"]!["MethodName"]!.GetValue<string>());
        Assert.Equal("hello-from-settings", report["greeting"]!.GetValue<string>()); // %Setting% in host.json arguments
        Assert.StartsWith("Azure-Functions-Host/4.", report["userAgent"]!.GetValue<string>());
        Assert.Equal(result.InvocationId.ToString(), report["invocationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timer_schedule_fires_by_itself_and_a_sub_minute_schedule_has_no_status()
    {
        await using var app = await LocalHostTestApp.StartAsync(tickSchedule: "*/1 * * * * *", timerSchedules: true);

        var reports = await app.ReceiveAsync(app.ReportQueue, 2, TimeSpan.FromSeconds(30));

        Assert.All(reports, r => Assert.Null(JsonNode.Parse(r)!["data"]!["myTimer"]!["ScheduleStatus"]));
        Assert.True(app.ResultsOf("Tick").Count(r => r.Succeeded) >= 2);
    }

    [Fact]
    public async Task Triggering_an_unknown_timer_is_an_argument_error()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => app.Host.TriggerTimerAsync("Work"));
    }
}
