namespace RxStreams.Services.Tests.Services;

/// <summary>The tests that use the real servers: they share one <see cref="LocalServices"/> and run one at a time.</summary>
[CollectionDefinition(nameof(ServicesCollection))]
public sealed class ServicesCollection : ICollectionFixture<LocalServices>
{
}
