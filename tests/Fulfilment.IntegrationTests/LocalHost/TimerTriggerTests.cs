using System.Text.Json.Nodes;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class TimerTriggerTests
{
    [Fact]
    public async Task Triggered_timer_receives_timer_info_and_app_settings_and_its_output_is_delivered()
    {
        await using var app = await LocalHostTestApp.StartAsync(tickSchedule: "0 0 0 1 1 *");

        var result = await app.Host.TriggerTimerAsync("Tick");
        var report = JsonNode.Parse(Assert.Single(await app.ReceiveAsync(app.ReportQueue, 1)))!;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("timerTrigger", result.Trigger);
        var timer = report["timer"]!; // the worker's TimerInfo, deserialised from the host's JSON
        Assert.False(timer["IsPastDue"]!.GetValue<bool>());
        var status = timer["ScheduleStatus"]!; // a yearly schedule is monitored
        var next = DateTime.Parse(status["Next"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal((1, 1, 0), (next.Month, next.Day, next.Hour));
        Assert.True(next > DateTime.UtcNow);
        Assert.NotNull(status["Last"]);
        Assert.NotNull(status["LastUpdated"]);
        Assert.Equal("hello-from-settings", report["greeting"]!.GetValue<string>()); // app settings are the worker's environment
        Assert.Equal(result.InvocationId.ToString(), report["invocationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timer_schedule_fires_by_itself_and_a_sub_minute_schedule_has_no_status()
    {
        await using var app = await LocalHostTestApp.StartAsync(tickSchedule: "*/1 * * * * *", timerSchedules: true);

        var reports = await app.ReceiveAsync(app.ReportQueue, 2);

        Assert.All(reports, r => Assert.Null(JsonNode.Parse(r)!["timer"]!["ScheduleStatus"]));
        Assert.True(app.ResultsOf("Tick").Count(r => r.Succeeded) >= 2);
    }

    [Fact]
    public async Task Triggering_a_function_that_is_not_a_timer_is_an_argument_error()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => app.Host.TriggerTimerAsync("Work"));
    }
}
