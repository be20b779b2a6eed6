[assembly: AssemblyFixture(typeof(Workflows.Infra.Tests.Support.InfraFixture))]
