using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

// Ten products shaped like catalog's: 1,0xx bytes of JSON, the same for every request.
var products = string.Join(",", Enumerable.Range(1, 10).Select(id =>
    $$"""{"id":{{id}},"name":"Product {{id:00}}","category":"Coffee","price":9.50,"currency":"USD","stock":20}"""));
var body = Encoding.UTF8.GetBytes($$"""{"items":[{{products}}],"page":1,"pageSize":10,"totalCount":100}""");

app.MapGet("/api/catalog/products", () => Results.Bytes(body, "application/json"));
app.MapGet("/health/ready", () => Results.Ok());
app.Run();
