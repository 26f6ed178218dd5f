using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Postgres;

/// <summary>The outbox statements EF cannot express, with names taken from the model (schema, naming convention).</summary>
internal static class OutboxSql
{
    /// <summary>
    /// Moves the next attempt of up to <paramref name="batchSize"/> due rows (<c>@now</c>) to <c>@lease_until</c> and
    /// returns them. Rows another transaction holds are skipped, not waited for.
    /// </summary>
    public static string Claim(DbContext db, int batchSize)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map the outbox: call modelBuilder.AddOutboxAndInbox().");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var qualified = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var id = Column(nameof(OutboxMessage.Id));
        var next = Column(nameof(OutboxMessage.NextAttemptAt));
        return $"UPDATE {qualified} SET {next} = @lease_until WHERE {id} IN (" +
               $"SELECT {id} FROM {qualified} WHERE {next} <= @now ORDER BY {Column(nameof(OutboxMessage.Sequence))} " +
               $"LIMIT {batchSize} FOR UPDATE SKIP LOCKED) RETURNING *";
    }
}
