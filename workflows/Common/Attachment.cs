using Workflows.Cases;

namespace Workflows;

/// <summary>A document submitted with a request, with its data tier.</summary>
public sealed record Attachment(DataTier Tier, string ContentType, byte[] Content);
