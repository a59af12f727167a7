package com.marketplaceconnect.operations;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Puts the run's logging context (correlation id, account, marketplace, sync run id, from exchange properties) in
 * the MDC around every route step, on whatever thread runs the step (a split's pool, a retry), and restores what
 * was there afterwards, so a pooled thread never carries one run's ids into another's lines. Camel picks up
 * InterceptStrategy beans by itself; no route file names it.
 */
@Component
public class MdcInterceptStrategy implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Map<String, String> previous = OperationsMdc.apply(exchange);
                try {
                    return processor.process(exchange, callback);
                } finally {
                    OperationsMdc.restore(previous);
                }
            }

            @Override
            public String toString() {
                return "Mdc[" + processor + "]";
            }
        };
    }
}
