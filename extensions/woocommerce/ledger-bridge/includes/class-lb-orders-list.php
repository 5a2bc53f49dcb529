<?php
/**
 * Orders list: a status column and the bulk action "Transfer to accounting".
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers on both list screens: HPOS (woocommerce_page_wc-orders) and legacy (edit-shop_order).
 */
class LB_Orders_List {

	const COLUMN = 'ledger_bridge';
	const BULK   = 'lb_transfer_to_accounting';

	/**
	 * API client.
	 *
	 * @var LB_Api_Client
	 */
	private $client;

	/**
	 * Constructor.
	 *
	 * @param LB_Api_Client $client API client.
	 */
	public function __construct( $client ) {
		$this->client = $client;
	}

	/**
	 * Hooks, for both order storages.
	 */
	public function register() {
		add_filter( 'manage_woocommerce_page_wc-orders_columns', array( $this, 'add_column' ) );
		add_filter( 'manage_edit-shop_order_columns', array( $this, 'add_column' ) );
		add_action( 'manage_woocommerce_page_wc-orders_custom_column', array( $this, 'render_cell' ), 10, 2 );
		add_action( 'manage_shop_order_posts_custom_column', array( $this, 'render_cell' ), 10, 2 );
		add_filter( 'bulk_actions-woocommerce_page_wc-orders', array( $this, 'add_bulk_action' ) );
		add_filter( 'bulk_actions-edit-shop_order', array( $this, 'add_bulk_action' ) );
		add_filter( 'handle_bulk_actions-woocommerce_page_wc-orders', array( $this, 'handle_bulk_action' ), 10, 3 );
		add_filter( 'handle_bulk_actions-edit-shop_order', array( $this, 'handle_bulk_action' ), 10, 3 );
		add_action( 'admin_notices', array( $this, 'bulk_notice' ) );
	}

	/**
	 * Adds the column after the order status.
	 *
	 * @param array $columns Columns.
	 * @return array
	 */
	public function add_column( $columns ) {
		$result = array();
		foreach ( $columns as $key => $label ) {
			$result[ $key ] = $label;
			if ( 'order_status' === $key ) {
				$result[ self::COLUMN ] = __( 'Accounting', 'ledger-bridge' );
			}
		}
		if ( ! isset( $result[ self::COLUMN ] ) ) {
			$result[ self::COLUMN ] = __( 'Accounting', 'ledger-bridge' );
		}
		return $result;
	}

	/**
	 * Renders a cell. HPOS passes the WC_Order, the legacy screen the post id.
	 *
	 * @param string       $column Column key.
	 * @param WC_Order|int $order_or_id Order or id.
	 */
	public function render_cell( $column, $order_or_id ) {
		if ( self::COLUMN !== $column ) {
			return;
		}
		$order = is_object( $order_or_id ) ? $order_or_id : wc_get_order( $order_or_id );
		if ( ! $order ) {
			return;
		}
		$state = LB_Order_Status::of( $order );
		$text  = '' !== $state['document'] ? $state['label'] . ' · ' . $state['document'] : $state['label'];
		$title = '' !== $state['error'] ? $state['error'] : $text;
		echo '<span class="lb-status lb-status-' . esc_attr( '' === $state['status'] ? 'none' : $state['status'] ) . '" title="' . esc_attr( $title ) . '">' . esc_html( $text ) . '</span>';
	}

	/**
	 * Adds the bulk action.
	 *
	 * @param array $actions Actions.
	 * @return array
	 */
	public function add_bulk_action( $actions ) {
		if ( current_user_can( 'manage_woocommerce' ) ) {
			$actions[ self::BULK ] = __( 'Transfer to accounting', 'ledger-bridge' );
		}
		return $actions;
	}

	/**
	 * Runs the bulk action. The list table has already checked its bulk nonce; the capability is
	 * checked here because the filter runs for anyone who can see the list.
	 *
	 * @param string $redirect Redirect URL.
	 * @param string $action   Chosen action.
	 * @param int[]  $ids      Selected order ids.
	 * @return string
	 */
	public function handle_bulk_action( $redirect, $action, $ids ) {
		if ( self::BULK !== $action ) {
			return $redirect;
		}
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to transfer orders.', 'ledger-bridge' ), '', array( 'response' => 403 ) );
		}
		$ids = array_values( array_filter( array_map( 'absint', (array) $ids ) ) );
		LB_Order_Status::mark_requested( $ids );
		$result = $this->client->request_transfer( $ids );
		LB_Order_Status::apply_result( $ids, $result );
		return add_query_arg(
			array(
				'lb_requested' => $result['ok'] ? count( $ids ) : 0,
				'lb_failed'    => $result['ok'] ? 0 : count( $ids ),
			),
			$redirect
		);
	}

	/**
	 * After a bulk transfer, says what happened.
	 */
	public function bulk_notice() {
		// Display only; the counts come from our own redirect.
		// phpcs:disable WordPress.Security.NonceVerification.Recommended
		$requested = isset( $_GET['lb_requested'] ) ? absint( $_GET['lb_requested'] ) : 0;
		$failed    = isset( $_GET['lb_failed'] ) ? absint( $_GET['lb_failed'] ) : 0;
		// phpcs:enable
		if ( $requested > 0 ) {
			/* translators: %d: number of orders */
			echo '<div class="notice notice-success is-dismissible"><p>' . esc_html( sprintf( _n( '%d order sent to Ledger Bridge.', '%d orders sent to Ledger Bridge.', $requested, 'ledger-bridge' ), $requested ) ) . '</p></div>';
		}
		if ( $failed > 0 ) {
			/* translators: %d: number of orders */
			echo '<div class="notice notice-error"><p>' . esc_html( sprintf( _n( '%d order could not be sent to Ledger Bridge; see the order for details.', '%d orders could not be sent to Ledger Bridge; see the orders for details.', $failed, 'ledger-bridge' ), $failed ) ) . '</p></div>';
		}
	}
}
