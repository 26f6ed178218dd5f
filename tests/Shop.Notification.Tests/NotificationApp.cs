using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(MotoFixture))]

namespace Shop.Notification.Tests;

/// <summary>The notification service in-process; its queue is fed by the test as ordering's events would arrive.</summary>
public sealed class NotificationApp(PostgresFixture postgres, MotoFixture moto) : ServiceApp<Program>(postgres, moto, "Notification");
