namespace Workflows.Storage;

/// <summary>A store that creates its tables or containers when missing (called at start-up).</summary>
public interface IStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
