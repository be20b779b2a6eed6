[assembly: AssemblyFixture(typeof(Workflows.Testing.Azurite.AzuriteFixture))]
