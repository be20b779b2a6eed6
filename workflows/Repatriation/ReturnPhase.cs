using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using Workflows.Policies;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// Before the return (steps 2–4): verification (all of), the statelessness flag and birth registration,
/// consents, the security pre-screen of each adult, and the manifest. Whoever cannot return stays
/// provisional, with the reason recorded in the right tier: a child whose parent abroad refuses (or never
/// gives) consent, an adult the pre-screen does not clear (a national-security veto), and a child of
/// such an adult — families are kept together unless a documented best-interests decision says otherwise.
/// </summary>
internal sealed class ReturnPhase(OrchestrationContext context, RepatriationInput input, BirthRegistrations births)
{
    private readonly CaseInfo _info = input.Case;
    private readonly WorkflowPolicy _policy = input.Policy;
    private readonly Dictionary<string, string> _heldBack = new(StringComparer.Ordinal);

    /// <summary>The members on the approved manifest; or, when the case ends before the return, its outcome.</summary>
    public sealed record Result(IReadOnlyList<HouseholdMember> Included, string? EndedWith);

    public async Task<Result> RunAsync()
    {
        // 2. Identity, nationality and family verification — all of.
        var verification = await ApprovalStep.RunAsync(context, input.StepForMembers("identityVerification", input.Members.Select(m => m.MemberRef!)));
        if (Ended(verification, "NotVerified") is { } notVerified)
        {
            return new Result([], notVerified);
        }

        await FlagStatelessnessRiskAsync(verification);
        await births.StartAsync(input.Members.Where(m => !m.Adult && m.BornAbroad));

        // 3. Consents: a parent abroad for a child's return; DNA and its limits.
        if (!await CollectConsentsAsync())
        {
            return new Result([], RepatriationSteps.Withdrawn);
        }

        // 4. Security pre-screen of each adult; families kept together; the manifest.
        if (await PrescreenAsync() is { } withdrawn)
        {
            return new Result([], withdrawn);
        }

        if (await KeepFamiliesTogetherAsync() is { } withdrawnToo)
        {
            return new Result([], withdrawnToo);
        }

        var included = input.Members.Where(m => !_heldBack.ContainsKey(m.MemberRef!)).ToList();
        await RecordAsync(context, _info, AuditActions.StepOutcome, $"Manifest proposed: {included.Count} of {input.Members.Count}", section: "manifestProposal",
            data: new { included = included.Select(m => m.MemberRef).ToList(), provisional = _heldBack.Keys.ToList() });
        if (included.Count == 0)
        {
            return new Result([], "NotRepatriated");
        }

        var manifest = await ApprovalStep.RunAsync(context, input.StepForMembers("manifestApproval", included.Select(m => m.MemberRef!)));
        if (Ended(manifest, "NotOnManifest") is { } notOnManifest)
        {
            return new Result([], notOnManifest);
        }

        var reference = manifest.Attributes.GetValueOrDefault("manifestReference");
        await RecordAsync(context, _info, AuditActions.StepOutcome, "On manifest " + reference, status: "AwaitingArrival", section: "manifest",
            data: new { manifestReference = reference, members = included.Select(m => m.MemberRef).ToList(), provisional = _heldBack.Keys.ToList() });
        return new Result(included, null);
    }

    private static string? Ended(ApprovalOutcome outcome, string otherwise) => outcome.Result switch
    {
        ApprovalResult.Approved => null,
        ApprovalResult.Withdrawn => RepatriationSteps.Withdrawn,
        _ => otherwise,
    };

    /// <summary>The verifiers may flag members (attribute <c>statelessnessRisk</c>: member references); a child born abroad is at risk until registered.</summary>
    private async Task FlagStatelessnessRiskAsync(ApprovalOutcome verification)
    {
        var refs = input.Members.Select(m => m.MemberRef!).ToHashSet(StringComparer.Ordinal);
        var flaggedByVerifiers = (verification.Attributes.GetValueOrDefault("statelessnessRisk") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(refs.Contains);
        var bornAbroad = input.Members.Where(m => !m.Adult && m.BornAbroad).Select(m => m.MemberRef!).ToList();
        var flagged = flaggedByVerifiers.Concat(bornAbroad).Distinct().ToList();
        if (flagged.Count == 0)
        {
            return;
        }

        await RecordAsync(context, _info, AuditActions.EventRecorded, "StatelessnessRiskFlagged", section: "nationality", tier: DataTier.Identity, data: new { statelessnessRisk = flagged, bornAbroad });
        await NotifyAsync(context, _info, NotificationKind.Alert, "identityVerification", "StatelessnessRiskFlagged", Roles.ConsularService, ScopeLevel.Central);
        await NotifyAsync(context, _info, NotificationKind.Alert, "identityVerification", "StatelessnessRiskFlagged", Roles.CivilRegistry, ScopeLevel.Central);
    }

    /// <summary>
    /// Every consent is answered, or reminded once and then taken as not given: no answer is no consent.
    /// False when the requester withdrew meanwhile (only a birth registration had a task to withdraw).
    /// </summary>
    private async Task<bool> CollectConsentsAsync()
    {
        var pending = input.Members.Where(m => !m.Adult && m.NeedsParentConsent).Select(m => "parent:" + m.MemberRef)
            .Concat(input.Members.Where(m => m.NeedsDnaConsent).Select(m => "dna:" + m.MemberRef)).ToHashSet(StringComparer.Ordinal);
        var due = _policy.Calendar.Add(context.CurrentUtcDateTime, _policy.Timer("consentDue"));
        var reminded = false;
        while (pending.Count > 0)
        {
            ShowWait(context, "consents", due, Roles.ConsularService);
            using var cts = new CancellationTokenSource();
            var consent = context.WaitForExternalEvent<HouseholdConsentSignal>(RepatriationEvents.ConsentRecorded, cts.Token);
            var timer = context.CreateTimer(due, cts.Token);
            await Task.WhenAny([consent, timer, .. births.Running]);
            Cancel(cts);
            if (births.Withdrawn)
            {
                return false;
            }

            if (consent.IsCompletedSuccessfully)
            {
                if (!pending.Remove(consent.Result.ConsentId))
                {
                    await RecordAsync(context, _info, AuditActions.EventRecorded, $"ConsentNotAwaited {consent.Result.ConsentId}");
                    continue;
                }

                await ApplyConsentAsync(consent.Result.ConsentId, consent.Result.Given ? "given" : "refused");
            }
            else if (timer.IsCompletedSuccessfully)
            {
                if (reminded)
                {
                    break;
                }

                reminded = true;
                due = _policy.Calendar.Add(context.CurrentUtcDateTime, _policy.Timer("consentDue"));
                await NotifyAsync(context, _info, NotificationKind.Reminder, "consents", "ConsentsOutstanding", Roles.ConsularService, ScopeLevel.Central, due: due);
            }
        }

        foreach (var unanswered in pending.Order(StringComparer.Ordinal))
        {
            await ApplyConsentAsync(unanswered, "notGiven");
        }

        return !births.Withdrawn;
    }

    private async Task ApplyConsentAsync(string consentId, string answer)
    {
        var memberRef = consentId[(consentId.IndexOf(':', StringComparison.Ordinal) + 1)..];
        await RecordAsync(context, _info, AuditActions.ConsentRecorded, $"{consentId} {answer}");
        if (consentId.StartsWith("dna:", StringComparison.Ordinal))
        {
            // Without consent no DNA is taken or used: the family link is established by other evidence.
            await RecordAsync(context, _info, AuditActions.SectionWritten, $"DNA consent {answer} for {memberRef}", section: $"dna-{memberRef}", tier: DataTier.Biometric,
                data: new { memberRef, consent = answer, limits = "identity and family verification only; no other use or disclosure" });
            if (answer != "given")
            {
                await NotifyAsync(context, _info, NotificationKind.Alert, "consents", "DnaNotAuthorised", Roles.CivilRegistry, ScopeLevel.Central);
            }

            return;
        }

        await RecordAsync(context, _info, AuditActions.SectionWritten, $"Parent consent {answer} for {memberRef}", section: $"parentConsent-{memberRef}", tier: DataTier.ChildProtection, data: new { childRef = memberRef, consent = answer });
        if (answer != "given")
        {
            await HoldBackAsync(memberRef, answer == "refused" ? "ParentConsentRefused" : "ParentConsentNotGiven", DataTier.ChildProtection);
        }
    }

    private async Task<string?> PrescreenAsync()
    {
        var adults = input.Members.Where(m => m.Adult && !_heldBack.ContainsKey(m.MemberRef!)).ToList();
        var prepared = new List<ApprovalStep.Prepared>();
        foreach (var adult in adults)
        {
            prepared.Add(await ApprovalStep.PrepareAsync(context, input.StepFor("securityPrescreen", adult.MemberRef!)));
        }

        // One review per member, side by side: the status shows those still open as each one ends.
        var phase = new PhaseStatus(context, "securityPrescreen");
        var outcomes = await Task.WhenAll(prepared.Select(phase.RunAsync));
        if (outcomes.Any(o => o.Result == ApprovalResult.Withdrawn))
        {
            return RepatriationSteps.Withdrawn;
        }

        for (var i = 0; i < adults.Count; i++)
        {
            var memberRef = adults[i].MemberRef!;
            await RecordAsync(context, _info, AuditActions.StepOutcome, $"Security pre-screen recorded for {memberRef}", section: $"prescreen-{memberRef}", tier: DataTier.Intelligence,
                data: new { memberRef, result = outcomes[i].Result.ToString(), reasonCodes = outcomes[i].Decisions.SelectMany(d => d.ReasonCodes).Distinct().ToList() });
            if (!outcomes[i].IsApproved)
            {
                await HoldBackAsync(memberRef, outcomes[i].Result == ApprovalResult.Expired ? "PrescreenNotCompleted" : "NotCleared", DataTier.Intelligence);
            }
        }

        return null;
    }

    /// <summary>A child whose parent in the household cannot return stays with that parent, unless a best-interests decision recommends separation.</summary>
    private async Task<string?> KeepFamiliesTogetherAsync()
    {
        var children = input.Members.Where(m => !m.Adult && !_heldBack.ContainsKey(m.MemberRef!) && m.ParentRef is { } p && _heldBack.ContainsKey(p)).ToList();
        if (children.Count == 0)
        {
            return null;
        }

        var prepared = new List<ApprovalStep.Prepared>();
        foreach (var child in children)
        {
            prepared.Add(await ApprovalStep.PrepareAsync(context, input.StepFor("bestInterests", child.MemberRef!)));
        }

        // One review per member, side by side: the status shows those still open as each one ends.
        var phase = new PhaseStatus(context, "bestInterests");
        var outcomes = await Task.WhenAll(prepared.Select(phase.RunAsync));
        if (outcomes.Any(o => o.Result == ApprovalResult.Withdrawn))
        {
            return RepatriationSteps.Withdrawn;
        }

        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var separation = outcomes[i].IsApproved && outcomes[i].Attributes.GetValueOrDefault("separation") == "recommended";
            await RecordAsync(context, _info, AuditActions.StepOutcome, $"Best-interests decision before return for {child.MemberRef}: {(separation ? "returns without the parent" : "stays with the parent")}",
                section: $"bestInterests-{child.MemberRef}", tier: DataTier.ChildProtection,
                data: new { childRef = child.MemberRef, parentRef = child.ParentRef, separation, result = outcomes[i].Result.ToString(), childViewsRecorded = outcomes[i].Attributes.GetValueOrDefault("childViewsRecorded") });
            if (!separation)
            {
                await HoldBackAsync(child.MemberRef!, "KeptWithParent", DataTier.ChildProtection);
            }
        }

        return null;
    }

    private async Task HoldBackAsync(string memberRef, string reason, DataTier tier)
    {
        _heldBack[memberRef] = reason;
        // The reason lives in its tier's section; the audit line names it only outside the intelligence compartment.
        var audited = tier == DataTier.Intelligence ? $"{memberRef} stays provisional" : $"{memberRef} stays provisional: {reason}";
        await RecordAsync(context, _info, AuditActions.EventRecorded, audited, section: $"provisional-{memberRef}", tier: tier, data: new { memberRef, reason, provisional = true });
        await NotifyAsync(context, _info, NotificationKind.Alert, "manifestApproval", "MemberStaysProvisional", Roles.ConsularService, ScopeLevel.Central);
    }
}
