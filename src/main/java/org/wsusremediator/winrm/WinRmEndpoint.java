package org.wsusremediator.winrm;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A producer-only endpoint: WinRM is something we call, never something that calls us. */
public class WinRmEndpoint extends DefaultEndpoint {

    private HostVisitor visitor;

    WinRmEndpoint(String uri, WinRmComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return new WinRmProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("winrm: endpoints can only be sent to");
    }

    @Override
    public WinRmComponent getComponent() {
        return (WinRmComponent) super.getComponent();
    }

    public HostVisitor getVisitor() {
        return visitor;
    }

    public void setVisitor(HostVisitor visitor) {
        this.visitor = visitor;
    }
}
