namespace Workflows.Functions.Resources;

/// <summary>
/// The marker type of the UI's texts: <c>SharedResource.resx</c> (English, the neutral language) and one
/// <c>SharedResource.{culture}.resx</c> per other language (fr, es, ru, ar, zh), every key in every file.
/// </summary>
public sealed class SharedResource;
