namespace Shop.LocalRunner.Tests;

public sealed class ShopHostTests
{
    [Fact]
    public void Repository_root_is_the_folder_holding_the_solution()
    {
        var root = RepositoryRoot.Find();

        File.Exists(Path.Combine(root, "Microservices.sln")).ShouldBeTrue();
        Directory.Exists(Path.Combine(root, "tools", "Shop.LocalRunner")).ShouldBeTrue();
    }

    [Fact]
    public void Every_service_project_is_in_the_repository()
    {
        var root = RepositoryRoot.Find();

        ShopServices.All.ShouldAllBe(service => File.Exists(Path.Combine(root, service.ProjectPath)));
    }

    [Fact]
    public void Free_ports_are_distinct_for_every_service()
    {
        var options = new ShopHostOptions { RepositoryRoot = "/" }.WithFreePorts();

        var ports = ShopServices.All.Select(options.PortOf).ToList();

        ports.Distinct().Count().ShouldBe(ShopServices.All.Count());
        ports.ShouldNotContain(ShopServices.Gateway.DefaultPort);
    }

    [Fact]
    public async Task A_failed_start_stops_the_PostgreSQL_it_started_and_removes_its_data()
    {
        Assert.SkipUnless(LocalPostgres.IsAvailable(), "PostgreSQL server binaries (initdb, pg_ctl) are not installed.");
        var emptyRepository = Directory.CreateTempSubdirectory("shop-empty-repo-").FullName;
        var progress = new List<string>();
        try
        {
            var options = new ShopHostOptions
            {
                RepositoryRoot = emptyRepository,
                Build = false,
                ExternalPostgres = null,
                Progress = progress.Add,
            }.WithFreePorts();

            var failure = await Should.ThrowAsync<FileNotFoundException>(() => ShopHost.StartAsync(options, TestContext.Current.CancellationToken));

            failure.Message.ShouldContain("Shop.Catalog.dll");
            var dataDirectory = progress.Single(line => line.StartsWith("PostgreSQL ready", StringComparison.Ordinal)).Split('(', ')')[1];
            Directory.Exists(dataDirectory).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(emptyRepository, recursive: true);
        }
    }
}
