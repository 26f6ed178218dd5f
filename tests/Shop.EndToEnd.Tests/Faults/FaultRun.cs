namespace Shop.EndToEnd.Tests.Faults;

/// <summary>One fault scenario's orders and what the fault did, for the books and the report.</summary>
public sealed class FaultRun(string fault, IReadOnlyList<string> customers, IReadOnlyList<int> products, int initialStock)
{
    public string Fault { get; } = fault;

    /// <summary>The subjects of the run's own customers.</summary>
    public IReadOnlyList<string> Customers { get; } = customers;

    /// <summary>The run's own products, each with <see cref="InitialStock"/> at the start.</summary>
    public IReadOnlyList<int> Products { get; } = products;

    public int InitialStock { get; } = initialStock;

    public List<StreamedOrder> Orders { get; set; } = [];

    public IEnumerable<StreamedOrder> Accepted => Orders.Where(o => o.Id is not null);

    public DateTimeOffset InjectedAt { get; set; }

    /// <summary>What the fault itself reported, e.g. how long a terminated process took to exit.</summary>
    public string Detail { get; set; } = "";

    /// <summary>How the fault itself went wrong, e.g. a terminated process that outlived its stop timeout.</summary>
    public List<string> FaultViolations { get; } = [];

    /// <summary>Poison messages put in the queues: their event ids, which must be all that the DLQs hold.</summary>
    public HashSet<string> PoisonIds { get; } = [];
}
