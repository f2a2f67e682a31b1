namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// What <see cref="MessageDispatcher"/> hands each decoded message to. Every method does nothing unless
/// implemented, so a handler implements only the messages its side receives. The frames' spans point into the
/// dispatcher's buffers and are valid only during the call.
/// </summary>
public interface IMessageHandler
{
    void OnHello(Hello hello)
    {
    }

    void OnSensorFrame(SensorFrame frame)
    {
    }

    void OnActionFrame(ActionFrame frame)
    {
    }

    void OnHeartbeat(Heartbeat heartbeat)
    {
    }

    void OnEStop(EStop estop)
    {
    }

    void OnFault(Fault fault)
    {
    }

    void OnGoodbye(Goodbye goodbye)
    {
    }
}
