/** Inbox: the customer's messages; opening one marks it read. */
import { useMutation, useQuery } from '@apollo/client/react';
import { InboxDocument, MarkMessageReadDocument } from '@documents';
import { useState } from 'react';
import { Button, Card } from '../../../shared/components';
import { formatTime, Loaded } from './common';

export function InboxPage() {
  const inbox = useQuery(InboxDocument, { variables: { first: 20 } });
  const [markRead] = useMutation(MarkMessageReadDocument);
  const [open, setOpen] = useState<string | undefined>();
  return (
    <Loaded loading={inbox.loading} error={inbox.error}>
      {() => {
        const messages = inbox.data?.me?.messages?.edges.map((edge) => edge.node) ?? [];
        return (
          <>
            <p>未读消息 {inbox.data?.me?.unreadMessageCount ?? 0} 条</p>
            {messages.map((message) => (
              <Card key={message.id} title={`${message.read ? '' : '【未读】'}${message.title}`}>
                <p className="bank-hint">{formatTime(message.createdAt)}</p>
                {open === message.id ? (
                  <p>{message.body}</p>
                ) : (
                  <Button
                    variant="secondary"
                    aria-label={`阅读：${message.title}`}
                    onClick={() => {
                      setOpen(message.id);
                      if (!message.read) void markRead({ variables: { id: message.id } }).then(() => inbox.refetch());
                    }}
                  >
                    阅读
                  </Button>
                )}
              </Card>
            ))}
            {messages.length === 0 ? <p>暂无消息</p> : null}
          </>
        );
      }}
    </Loaded>
  );
}
