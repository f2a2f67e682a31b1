namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// Whether ops record themselves for backward. Per thread, like PyTorch: rollouts run under no_grad on one thread
/// while nothing else is affected.
/// </summary>
public static class GradMode
{
    [ThreadStatic]
    private static int _disabledDepth;

    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>Disables recording until the returned scope is disposed (scopes nest).</summary>
    public static IDisposable Disable()
    {
        _disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _disabledDepth--;
            }
        }
    }
}
