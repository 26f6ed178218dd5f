using Shop.Messaging.Consuming;

namespace Shop.Messaging.Inbox;

/// <summary>
/// The store-specific half of consuming: runs a handler inside the store's unit of work and commits its changes
/// together with a record of the event for this consumer, so that an event is applied at most once.
/// </summary>
internal interface IInbox
{
    /// <param name="scope">The delivery's scope, whose unit of work (DbContext, <see cref="DynamoDb.DynamoWrites"/>) the handler uses.</param>
    /// <param name="handle">Runs the handler; it changes state through the unit of work without committing.</param>
    Task<DispatchOutcome> ApplyOnceAsync(
        MessageContext context, IServiceProvider scope, Func<CancellationToken, Task> handle, CancellationToken cancellationToken);
}
