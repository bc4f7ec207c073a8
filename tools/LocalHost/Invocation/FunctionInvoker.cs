using LocalHost.Configuration;
using LocalHost.Rpc;
using LocalHost.Worker;

namespace LocalHost.Invocation;

/// <summary>
/// Sends one InvocationRequest to the current worker and waits for its InvocationResponse, at most functionTimeout.
/// Past the timeout the worker is restarted, as the real host does: that invocation and every other one in flight on
/// the worker are lost.
/// </summary>
internal sealed class FunctionInvoker(WorkerSupervisor workers, TimeSpan functionTimeout, Action<string> log)
{
    public async Task<InvocationOutcome> InvokeAsync(
        FunctionDefinition function, Guid invocationId, InvocationInput input, AlongsideInvocation? alongside, CancellationToken ct)
    {
        WorkerInstance worker;
        try
        {
            worker = await workers.GetReadyAsync(ct);
        }
        catch (WorkerUnavailableException ex)
        {
            return InvocationOutcome.Failed(ex.Message);
        }
        if (!worker.FunctionIds.TryGetValue(function.Name, out var functionId))
            return InvocationOutcome.Failed($"The worker did not load function '{function.Name}'.");

        var request = new InvocationRequest
        {
            InvocationId = invocationId.ToString(),
            FunctionId = functionId,
            TraceContext = new RpcTraceContext { TraceParent = TraceParent.NewChild(input.ParentTraceParent), TraceState = "" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = input.TriggerData });
        foreach (var (key, value) in input.TriggerMetadata)
            request.TriggerMetadata[key] = value;

        // Started before the request is sent, as the real host starts its HTTP forward, so the worker finds both.
        var beside = alongside?.Invoke(worker, request.InvocationId, ct);
        var response = worker.Channel.InvokeAsync(request);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            if (functionTimeout != Timeout.InfiniteTimeSpan
                && await Task.WhenAny(response, Task.Delay(functionTimeout, timer.Token)) != response)
            {
                ct.ThrowIfCancellationRequested();
                var message = $"Timeout value of {functionTimeout} exceeded by function 'Functions.{function.Name}' (Id: '{invocationId}'). Initiating cancellation.";
                log(message + " The worker is restarted; invocations in flight on it are lost.");
                _ = workers.RestartAsync($"The worker was restarted after function '{function.Name}' exceeded functionTimeout.", lost: true, worker);
                await IgnoreFailure(beside);
                return InvocationOutcome.Lost(message);
            }
            await timer.CancelAsync(); // the invocation ended in time: drop its timeout
            var answer = await response.WaitAsync(ct);
            var besideError = beside is null ? null : await beside;
            if (answer.Result?.Status != StatusResult.Types.Status.Success)
                return new InvocationOutcome(InvocationStatus.Failed, answer, WorkerLauncher.Describe(answer.Result));
            return besideError is null
                ? new InvocationOutcome(InvocationStatus.Succeeded, answer, null)
                : new InvocationOutcome(InvocationStatus.Failed, answer, besideError);
        }
        catch (WorkerUnavailableException ex)
        {
            await IgnoreFailure(beside);
            return ex.Lost ? InvocationOutcome.Lost(ex.Message) : InvocationOutcome.Failed(ex.Message);
        }
    }

    private static async Task IgnoreFailure(Task<string?>? task)
    {
        if (task is null)
            return;
        try
        {
            await task;
        }
        catch (Exception) { } // the invocation's own outcome is what counts
    }
}
