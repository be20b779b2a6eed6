using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Engine.Testing;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>
/// The host's notifier inside a real orchestration on the time-skipping engine: the domain's
/// <c>Case.Notify</c> activity under <see cref="DomainActivities.Retry"/>, as the workflows call it.
/// </summary>
public sealed class OrchestratedDeliveryTests
{
    private const string Workflow = "NotifyThenCarryOn";
    private const string NextStep = "NextStep";

    [Fact]
    public async Task A_channel_that_keeps_failing_is_retried_by_the_activity_policy_recorded_once_after_the_last_attempt_and_the_workflow_carries_on()
    {
        var channel = new ScriptedChannel();
        for (var i = 0; i < DomainActivities.Attempts + 1; i++)
        {
            channel.ThenThrow(new HttpRequestException("connection refused"));
        }

        await using var host = Host(channel);

        var instanceId = await host.StartAsync(Workflow, TestCases.CaseId);
        for (var step = 0; channel.Calls < DomainActivities.Attempts - 1 && step < 1_000; step++)
        {
            await host.AdvanceAsync(TimeSpan.FromSeconds(10));
        }

        var beforeLastAttempt = (channel.Calls, (await host.GetStateAsync(instanceId)).RuntimeStatus, (await Failures(host).ListForCaseAsync(TestCases.CaseId)).Count);
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal((DomainActivities.Attempts - 1, OrchestrationRuntimeStatus.Running, 0), beforeLastAttempt);
        Assert.Equal(DomainActivities.Attempts, channel.Calls);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.GetStateAsync(instanceId)).RuntimeStatus);
        Assert.Equal("carried on", await host.GetOutputAsync<string>(instanceId));
        var failure = Assert.Single(await Failures(host).ListForCaseAsync(TestCases.CaseId));
        Assert.Equal(("Email", "EmailNetwork", instanceId), (failure.Channel, failure.Reason, failure.InstanceId));
        var audit = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ReadAsync(TestCases.CaseId), e => e.Action == NotificationFailureRecorder.AuditAction);
        Assert.Equal(Staff.Approver, audit.Ids["recipientId"]);
    }

    private static OrchestrationTestHost Host(ScriptedChannel channel) => OrchestrationTestHost.Create(
        engine => engine
            .AddOrchestration<string, string>(Workflow, async (context, caseId) =>
            {
                await context.CallDomainActivityAsync<int>(NotifyPeopleActivity.Name, new NotifyPeopleInput
                {
                    CaseId = caseId,
                    Kind = NotificationKind.Outcome,
                    Step = "eligibility",
                    Code = "Approved",
                    PersonIds = [Staff.Approver],
                });
                return await context.CallActivityAsync<string>(NextStep, caseId);
            })
            .AddActivity<NotifyPeopleActivity>()
            .AddActivity<string, string>(NextStep, _ => "carried on"),
        services =>
        {
            NotificationServices.Add(services, NotificationServices.Settings());
            services.RemoveAll<INotificationChannel>();
            services.AddSingleton<INotificationChannel>(channel);
            services.AddSingleton<ApproverResolver>();
        });

    private static INotificationFailureStore Failures(OrchestrationTestHost host) => host.Services.GetRequiredService<INotificationFailureStore>();
}
