using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Data;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Data;

public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("53300")] // too_many_connections
    [InlineData("57P01")] // admin_shutdown
    [InlineData("57P03")] // cannot_connect_now
    [InlineData("08006")] // connection_failure
    public void A_server_that_refuses_or_ends_connections_is_unavailable(string sqlState)
    {
        DatabaseUnavailableExceptionHandler.IsUnavailable(Wrapped(new PostgresException("refused", "FATAL", "FATAL", sqlState))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("23505")] // unique_violation: the request's own fault or a race, never a 503
    [InlineData("40001")] // serialization_failure
    [InlineData("42P01")] // undefined_table: a bug
    public void Errors_of_the_statement_itself_are_not(string sqlState)
    {
        DatabaseUnavailableExceptionHandler.IsUnavailable(Wrapped(new PostgresException("no", "ERROR", "ERROR", sqlState))).ShouldBeFalse();
    }

    [Fact]
    public void A_connection_that_cannot_be_opened_is_unavailable()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        DatabaseUnavailableExceptionHandler.IsUnavailable(refused).ShouldBeTrue();
        DatabaseUnavailableExceptionHandler.IsUnavailable(new InvalidOperationException("a bug")).ShouldBeFalse();
    }

    private static DbUpdateException Wrapped(Exception inner) => new("An error occurred while saving the entity changes.", inner);
}
