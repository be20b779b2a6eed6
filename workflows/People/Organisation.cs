namespace Workflows.People;

/// <summary>A partner organisation (a CSO); its staff hold roles scoped to it.</summary>
public sealed record Organisation(string Id, string Name);
