using Workflows.Approvals;
using Workflows.PreRelease;
using Workflows.Tests.Support;

namespace Workflows.Tests.PreRelease;

/// <summary>Drives pre-release planning at the Almaty prison (Kazakh calendar) as its seeded staff and the southern region would.</summary>
public sealed class PreReleaseDriver(DomainHost host)
{
    public const string SocialWorker = "socialworker.almaty";

    public string CaseId { get; private set; } = string.Empty;

    public string InstanceId { get; private set; } = string.Empty;

    public PreReleaseService Service => host.Service<PreReleaseService>();

    public bool PlanningOpened => host.Notifier.Sent.Any(n => n.CaseId == CaseId && n.Code == "PlanningOpened");

    public static PreReleaseRequest Request(DateOnly release, string risk = "Medium", string facility = "almaty", string? sex = null) =>
        new() { PrisonerId = "P-9", FacilityId = facility, ReleaseDate = release, RiskLevel = risk, Sex = sex, Language = "ru" };

    public Task StartAsync(DateOnly release, string risk = "Medium") => StartAsync(Request(release, risk), SocialWorker);

    /// <summary>Starts planning as <paramref name="requester"/> (a social worker of the request's prison).</summary>
    public async Task StartAsync(PreReleaseRequest request, string requester)
    {
        var result = await Service.StartPlanningAsync(request, host.Actor(requester));
        Assert.Equal(IntakeStatus.Started, result.Status);
        (CaseId, InstanceId) = (result.CaseId!, result.InstanceId!);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task CourtAsync(DateOnly newRelease, string decisionRef = "COURT-1")
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordCourtDecisionAsync(CaseId, newRelease, decisionRef, host.Actor("director.almaty"))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    /// <summary>Approves every step as it opens and moves the clock to each milestone until the post-release follow-up waits.</summary>
    public async Task ReleaseAsync(string risk = "Medium")
    {
        for (var i = 0; i < 50; i++)
        {
            await host.ApproveAllOpenAsync(CaseId, risk);
            var status = await host.StatusAsync(InstanceId);
            if (status.Step is "contact" or "postReleaseReview")
            {
                return;
            }

            Assert.True(status.NextDeadline is { } next && next > host.Now, $"stuck at {status.Step}");
            await host.Host.AdvanceToAsync(status.NextDeadline!.Value);
        }

        Assert.Fail("The release was not reached.");
    }

    public async Task ContactAsync(bool attended = true)
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordContactAsync(CaseId, attended, host.Actor("probation.south"))).Status);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task<System.Text.Json.JsonElement?> SectionAsync(string name) =>
        (await host.Cases.ReadSectionsAsync(CaseId)).FirstOrDefault(s => s.Name == name)?.Data;
}
