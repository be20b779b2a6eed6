using System.Globalization;

namespace Workflows.Functions.Development;

/// <summary>
/// The development clock: real time plus an offset that only grows. Advancing it makes the engine's
/// timers due in that span fire, so a 14-day escalation can be watched now. The offset is kept in a
/// file beside the local storage data, so a restart does not send time backwards.
/// </summary>
public sealed class DevelopmentClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly string? _stateFile;
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    /// <summary>Creates the clock, restoring the offset from <paramref name="stateFile"/> when present.</summary>
    public DevelopmentClock(TimeProvider real, string? stateFile)
    {
        _real = real;
        _stateFile = stateFile;
        if (stateFile is not null && File.Exists(stateFile)
            && long.TryParse(File.ReadAllText(stateFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks > 0)
        {
            _offset = TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>How far ahead of real time the clock is.</summary>
    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward (never backward) and returns the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        lock (_gate)
        {
            Keep(_offset + by);
        }

        return GetUtcNow();
    }

    /// <summary>Moves the clock forward to <paramref name="to"/>; false, leaving it alone, when that is not in its future.</summary>
    public bool TryAdvanceTo(DateTimeOffset to)
    {
        lock (_gate)
        {
            var offset = to - _real.GetUtcNow();
            if (offset <= _offset)
            {
                return false;
            }

            Keep(offset);
            return true;
        }
    }

    private void Keep(TimeSpan offset)
    {
        _offset = offset;
        if (_stateFile is not null)
        {
            global::System.IO.Directory.CreateDirectory(Path.GetDirectoryName(_stateFile)!);
            File.WriteAllText(_stateFile, _offset.Ticks.ToString(CultureInfo.InvariantCulture));
        }
    }
}
