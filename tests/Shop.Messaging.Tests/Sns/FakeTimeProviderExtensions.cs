using Microsoft.Extensions.Time.Testing;

namespace Shop.Messaging.Tests.Sns;

internal static class FakeTimeProviderExtensions
{
    /// <summary>Moves the fake clock on in steps until <paramref name="task"/> ends, so retry delays pass at once.</summary>
    public static async Task RunUntilDoneAsync(this FakeTimeProvider time, Task task, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The task did not finish within 10 s of real time while the fake clock advanced.");
            }

            time.Advance(step);
            await Task.Delay(TimeSpan.FromMilliseconds(1), TestContext.Current.CancellationToken);
        }

        await task;
    }

    public static async Task<T> RunUntilDoneAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step)
    {
        await time.RunUntilDoneAsync((Task)task, step);
        return await task;
    }
}
