/** The inbox: messages, newest first, more on demand; opening one marks it read. */
import { useMutation, useQuery } from '@apollo/client/react';
import { InboxDocument, MarkMessageReadDocument } from '@documents';
import { useState } from 'react';
import { Button, Card } from '../../../shared/components';
import { formatTime, Loaded } from './common';

export function InboxPage() {
  const [first, setFirst] = useState(20);
  const { data, loading, error, refetch } = useQuery(InboxDocument, { variables: { first } });
  const [markRead] = useMutation(MarkMessageReadDocument);
  const [open, setOpen] = useState<string | undefined>();
  const me = data?.me;
  return (
    <Loaded loading={loading && !data} error={error}>
      {() => (
        <>
          <p role="status">未读消息 {me?.unreadMessageCount ?? 0} 条</p>
          {me?.messages?.edges.length ? null : <p>暂无消息</p>}
          {me?.messages?.edges.map(({ node }) => (
            <Card key={node.id} title={`${node.read ? '' : '【未读】'}${node.title}`}>
              <p className="bank-hint">{formatTime(node.createdAt)}</p>
              {open === node.id ? (
                <p>{node.body}</p>
              ) : (
                <Button
                  variant="secondary"
                  aria-label={`查看“${node.title}”`}
                  onClick={() => {
                    setOpen(node.id);
                    if (!node.read) void markRead({ variables: { id: node.id } }).then(() => refetch());
                  }}
                >
                  查看
                </Button>
              )}
            </Card>
          ))}
          {me?.messages?.pageInfo.hasNextPage ? (
            <Button variant="secondary" onClick={() => setFirst((count) => count + 20)}>
              加载更多
            </Button>
          ) : null}
        </>
      )}
    </Loaded>
  );
}
