using Workflows.Engine;

namespace Workflows.Tests.Support;

/// <summary>
/// Collects what a case's orchestrations expose outside the case store — every instance's input and
/// custom status (the workflow and its approval steps) — each time it is asked, so a test can check
/// that none of it carries personal data.
/// </summary>
public sealed class WorkflowSnapshots(DomainHost host, string caseId)
{
    private readonly List<(string Where, string Text)> _texts = [];

    public IReadOnlyList<(string Where, string Text)> Texts => _texts;

    public int Statuses => _texts.Count(t => t.Where.EndsWith(":status", StringComparison.Ordinal));

    public async Task TakeAsync()
    {
        var page = await host.Host.Client.QueryInstancesAsync(new InstanceQuery
        {
            Tags = new Dictionary<string, string> { [WorkflowNames.CaseTag] = caseId },
            FetchInputsAndOutputs = true,
            PageSize = 1000,
        });
        foreach (var instance in page.Instances)
        {
            if (instance.Input is { } input)
            {
                _texts.Add((instance.InstanceId + ":input", input));
            }

            if (instance.CustomStatus is { } status)
            {
                _texts.Add((instance.InstanceId + ":status", status));
            }
        }
    }

    /// <summary>Fails naming the instance and the field when any text holds one of <paramref name="personalData"/>.</summary>
    public void AssertNoneHolds(params string[] personalData)
    {
        foreach (var (where, text) in _texts)
        {
            foreach (var value in personalData)
            {
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{where} holds '{value}': {text}");
            }
        }
    }
}
