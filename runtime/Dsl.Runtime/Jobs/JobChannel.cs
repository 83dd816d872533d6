namespace Dsl.Runtime.Jobs;

public enum JobChannel : byte
{
    Realtime,
    Offline,
}
